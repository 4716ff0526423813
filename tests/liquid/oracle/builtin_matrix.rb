# Regenerate ../builtin_matrix.json outputs: ruby builtin_matrix.rb (one line per template)
require "liquid"
Liquid::Template.error_mode = :warn
data = {"s" => "abc", "n" => "2", "arr" => ["a", "b", "c"], "sarr" => ["2", "3"], "h" => {"k" => "val", "j" => "x"}}
File.readlines(File.join(File.dirname(__FILE__), "builtin_templates.txt"), chomp: true).each do |c|
  begin
    puts Liquid::Template.parse(c).render!(data).inspect
  rescue => e
    puts "ERR #{e.message}"
  end
end
