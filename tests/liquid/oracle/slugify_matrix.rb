# Regenerate ../slugify_matrix.json rows: ruby slugify_matrix.rb
require "jekyll"; require "json"
JSON.parse(File.read(File.join(File.dirname(__FILE__), "slugify_matrix_inputs.json"))).each do |s|
  [nil, "raw", "default", "pretty", "ascii", "latin", "none"].each do |m|
    out = begin Jekyll::Utils.slugify(s, mode: m) rescue "ERR" end
    puts [s, m, out].to_json
  end
end
