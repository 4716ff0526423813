"""Rouge 3.30 lexers/perl.rb (tag perl; pl)."""

from __future__ import annotations

from .engine import RougeLexer

# in Rouge's order (alternation order matters)
KEYWORDS = """
    case continue do else elsif for foreach if last my next our redo reset then unless
    until while use print new BEGIN CHECK INIT END return
""".split()

BUILTINS = """
    abs accept alarm atan2 bind binmode bless caller chdir chmod chomp chop chown chr
    chroot close closedir connect continue cos crypt dbmclose dbmopen defined delete die
    dump each endgrent endhostent endnetent endprotoent endpwent endservent eof eval
    exec exists exit exp fcntl fileno flock fork format formline getc getgrent getgrgid
    getgrnam gethostbyaddr gethostbyname gethostent getlogin getnetbyaddr getnetbyname
    getnetent getpeername getpgrp getppid getpriority getprotobyname getprotobynumber
    getprotoent getpwent getpwnam getpwuid getservbyname getservbyport getservent
    getsockname getsockopt glob gmtime goto grep hex import index int ioctl join keys
    kill last lc lcfirst length link listen local localtime log lstat map mkdir msgctl
    msgget msgrcv msgsnd my next no oct open opendir ord our pack package pipe pop pos
    printf prototype push quotemeta rand read readdir readline readlink readpipe recv
    redo ref rename require reverse rewinddir rindex rmdir scalar seek seekdir select
    semctl semget semop send setgrent sethostent setnetent setpgrp setpriority
    setprotoent setpwent setservent setsockopt shift shmctl shmget shmread shmwrite
    shutdown sin sleep socket socketpair sort splice split sprintf sqrt srand stat study
    substr symlink syscall sysopen sysread sysseek system syswrite tell telldir tie tied
    time times tr truncate uc ucfirst umask undef unlink unpack unshift untie utime
    values vec wait waitpid wantarray warn write
""".split()

RE = "sr"
NOT1 = r"[^\x01]"  # Onigmo reads [^\1] as "not \001"


def _push(state):
    def action(lexer, m):
        lexer.push(state)
    return action


def _pop(lexer, m):
    lexer.pop()


def _format(lexer, m):
    lexer.groups("k", "", "n", "", "p", "")
    lexer.push("format")


def _funcname_args(lexer, m):
    lexer.groups("p", "")


def _nesting(tok):
    def action(lexer, m):
        lexer.token(tok)
        lexer.push()
    return action


def _delimited(open_, close):
    return [
        (rf"\\[{open_}{close}\\]", "sx", None),
        (r"\\", "sx", None),
        (open_, _nesting("sx"), None),
        (close, "sx", "#pop"),
        (rf"[^{open_}{close}\\]+", "sx", None),
    ]


class PerlLexer(RougeLexer):
    STATES = {
        "balanced_regex": [
            (r"/(\\[\\/]|[^/])*/[egimosx]*", RE, "#pop", True),
            (r"!(\\[\\!]|[^!])*![egimosx]*", RE, "#pop", True),
            (r"\\(\\\\|[^\\])*\\[egimosx]*", RE, "#pop", True),
            (r"{(\\[\\}]|[^}])*}[egimosx]*", RE, "#pop"),
            (r"<(\\[\\>]|[^>])*>[egimosx]*", RE, "#pop"),
            (r"\[(\\[\\\]]|[^\]])*\][egimosx]*", RE, "#pop"),
            (r"\((\\[\\\)]|[^\)])*\)[egimosx]*", RE, "#pop"),
            (r"@(\\[\\@]|[^@])*@[egimosx]*", RE, "#pop"),
            (r"%(\\[\\%]|[^%])*%[egimosx]*", RE, "#pop"),
            (r"\$(\\[\\\$]|[^\$])*\$[egimosx]*", RE, "#pop"),
        ],
        "root": [
            (r"#.*", "c1", None),
            (r"^=[a-zA-Z0-9]+\s+.*?\n=cut", "cm", None, True),
            (rf"(?:{'|'.join(KEYWORDS)})\b", "k", None),
            (r"(format)(\s+)([a-zA-Z0-9_]+)(\s*)(=)(\s*\n)", _format, None),
            (r"(?:eq|lt|gt|le|ge|ne|not|and|or|cmp)\b", "ow", None),
            (r"(?:s|tr|y){(\\\\|\\}|[^}])*}\s*", RE, "balanced_regex"),
            (r"(?:s|tr|y)<(\\\\|\\>|[^>])*>\s*", RE, "balanced_regex"),
            (r"(?:s|tr|y)\[(\\\\|\\\]|[^\]])*\]\s*", RE, "balanced_regex"),
            (r"(?:s|tr|y)\((\\\\|\\\)|[^\)])*\)\s*", RE, "balanced_regex"),
            (rf"(?:s|tr|y)\s*([^\w\s])((\\\\|\\\1)|{NOT1})*?\1((\\\\|\\\1)|{NOT1})*?\1[msixpodualngcr]*", RE, None, True),
            (rf"(?:s|tr|y)\s+(\w)((\\\\|\\\1)|{NOT1})*?\1((\\\\|\\\1)|{NOT1})*?\1[msixpodualngcr]*", RE, None, True),
            (r"m?/(\\\\|\\/|[^/\n])*/[msixpodualngc]*", RE, None),
            (r"m(?=[/!\\{<\[\(@%\$])", RE, "balanced_regex"),
            (rf"m\s*([^\w\s])((\\\\|\\\1)|{NOT1})*?\1[msixpodualngc]*", RE, None, True),
            (rf"m\s+(\w)((\\\\|\\\1)|{NOT1})*?\1[msixpodualngc]*", RE, None, True),
            (r"((?<==~)|(?<=\())\s*/(\\\\|\\/|[^/])*/[msixpodualngc]*", RE, "balanced_regex"),
            (r"\s+", "", None),
            (r"(?i:(?=[a-z_]\w*(\s*#.*\n)*\s*=>))", _push("fat_comma"), None),
            (rf"(?:{'|'.join(BUILTINS)})\b", "nb", None),
            (r"((__(DIE|WARN)__)|(DATA|STD(IN|OUT|ERR)))\b", "bp", None),
            (r"<<(['\"]?)([a-zA-Z_][a-zA-Z0-9_]*)\1;?\n.*?\n\2\n", "s", None, True),
            (r"(__(END|DATA)__)\b", "cp", "end_part"),
            (r"\$\^[ADEFHILMOPSTWX]", "vg", None),
            (r"\$[\\\"'\[\]&`+*.,;=%~?@$!<>(^\|\/_-](?!\w)", "vg", None),
            (r"(?i:[$@%&*][$@%&*#_]*(?=[a-z{\[;]))", "nv", "varname"),
            (r"[-+\/*%=<>&^\|!\\~]=?", "o", None),
            (r"0_?[0-7]+(_[0-7]+)*", "mo", None),
            (r"0x[0-9A-Fa-f]+(_[0-9A-Fa-f]+)*", "mh", None),
            (r"0b[01]+(_[01]+)*", "mb", None),
            (r"(?i:(\d*(_\d*)*\.\d+(_\d*)*|\d+(_\d*)*\.\d+(_\d*)*)(e[+-]?\d+)?)", "mf", None),
            (r"(?i:\d+(_\d*)*e[+-]?\d+(_\d*)*)", "mf", None),
            (r"\d+(_\d+)*", "mi", None),
            (r"'", "p", "sq"),
            (r"\"", "p", "dq"),
            (r"`", "p", "bq"),
            (r"<([^\s>]+)>", RE, None),
            (r"(q|qq|qw|qr|qx)\{", "sx", "cb_string"),
            (r"(q|qq|qw|qr|qx)\(", "sx", "rb_string"),
            (r"(q|qq|qw|qr|qx)\[", "sx", "sb_string"),
            (r"(q|qq|qw|qr|qx)<", "sx", "lt_string"),
            (r"(q|qq|qw|qr|qx)(\W)(.|\n)*?\2", "sx", None),
            (r"package\s+", "k", "modulename"),
            (r"sub\s+", "k", "funcname"),
            (r"\[\]|\*\*|::|<<|>>|>=|<=|<=>|={3}|!=|=~|!~|&&?|\|\||\.{1,3}", "o", None),
            (r"[()\[\]:;,<>\/?{}]", "p", None),
            (r"(?=\w)", _push("name"), None),
        ],
        "format": [
            (r"\.\n", "si", "#pop"),
            (r".*?\n", "si", None),
        ],
        "fat_comma": [
            (r"#.*", "c1", None),
            (r"\w+", "s", None),
            (r"\s+", "", None),
            (r"=>", "o", "#pop"),
        ],
        "name_common": [
            (r"\w+::", "nn", None),
            (r"[\w:]+", "nv", "#pop"),
        ],
        "varname": [
            (r"\s+", "", None),
            (r"[{\[]", "p", "#pop"),
            (r"[),]", "p", "#pop"),
            (r"[;]", "p", "#pop"),
            ("mixin", "name_common"),
        ],
        "name": [
            ("mixin", "name_common"),
            (r"[A-Z_]+(?=[^a-zA-Z0-9_])", "no", "#pop"),
            (r"(?=\W)", _pop, None),
        ],
        "modulename": [
            (r"(?i:[a-z_]\w*)", "nn", "#pop"),
        ],
        "funcname": [
            (r"[a-zA-Z_]\w*[!?]?", "nf", None),
            (r"\s+", "", None),
            (r"(\([$@%]*\))(\s*)", _funcname_args, None),
            (r".*?{", "p", "#pop"),
            (r";", "p", "#pop"),
        ],
        "sq": [
            (r"\\[\\']", "se", None),
            (r"[^\\']+", "s1", None),
            (r"'", "p", "#pop"),
            (r"\\", "s1", None),
        ],
        "dq": [
            ("mixin", "string_intp"),
            (r"\\[\\tnrabefluLUE\"$@]", "se", None),
            (r"\\0\d{2}", "se", None),
            (r"\\o\{\d+\}", "se", None),
            (r"\\x\h{2}", "se", None),
            (r"\\x\{\h+\}", "se", None),
            (r"\\c.", "se", None),
            (r"\\N\{[^\}]+\}", "se", None),
            (r"[^\\\"]+?", "s2", None),
            (r"\"", "p", "#pop"),
            (r"\\", "se", None),
        ],
        "bq": [
            ("mixin", "string_intp"),
            (r"\\[\\tnr`]", "se", None),
            (r"[^\\`]+?", "sb", None),
            (r"`", "p", "#pop"),
        ],
        "cb_string": _delimited(r"\{", r"\}"),
        "rb_string": _delimited(r"\(", r"\)"),
        "sb_string": _delimited(r"\[", r"\]"),
        "lt_string": _delimited("<", ">"),
        "in_interp": [
            (r"}", "si", "#pop"),
            (r"\s+", "", None),
            (r"(?i:[a-z_]\w*)", "si", None),
        ],
        "string_intp": [
            (r"[$@][{]", "si", "in_interp"),
            (r"(?i:[$@][a-z_]\w*)", "si", None),
        ],
        "end_part": [
            (r".+", "cp", "#pop", True),
        ],
    }
