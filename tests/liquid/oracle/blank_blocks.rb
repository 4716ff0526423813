# Regenerate ../blank_blocks.json outputs: ruby blank_blocks.rb (one line per template; \n in a template is a newline)
require "liquid"
Liquid::Template.error_mode = :warn
class FS; def read_template_file(p); ""; end; end
Liquid::Template.file_system = FS.new
File.readlines(File.join(File.dirname(__FILE__), "blank_templates.txt"), chomp: true).each do |c|
  c = c.gsub('\n', "\n")
  begin
    puts Liquid::Template.parse(c).render!({"s" => "S"}).inspect
  rescue => e
    puts "ERR #{e.message}"
  end
end
