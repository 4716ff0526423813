# Regenerate ../filter_matrix.json rows: TZ=UTC ruby filter_matrix.rb > out.txt
# (each line: input JSON | filter markup => rendered, or ERR when Jekyll raises)
require "jekyll"; require "json"
here = File.dirname(__FILE__)
site = Jekyll::Site.new(Jekyll.configuration("quiet" => true, "source" => here,
  "destination" => "/tmp/filter_matrix_site", "url" => "https://x.org", "baseurl" => "/b"))
m = JSON.parse(File.read(File.join(here, "filter_matrix_inputs.json")))
m["inputs"].each do |v|
  m["filters"].each do |f|
    out = begin
      Liquid::Template.parse("{{ v | #{f} }}").render!({"v" => v}, registers: {site: site}).inspect
    rescue StandardError, ScriptError
      "ERR"
    end
    puts "#{v.to_json} | #{f} => #{out}"
  end
end
