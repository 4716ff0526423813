from converter.cli import console_main

console_main()
