# Regenerate ../url_matrix.json rows: ruby url_matrix.rb (one JSON array per line)
require "jekyll"; require "json"
urls = JSON.parse(File.read(File.join(File.dirname(__FILE__), "url_matrix_inputs.json")))
[["https://Example.COM:443", "/base"], ["http://x.org/", nil], ["", "/b b"]].each do |url, base|
  site = Jekyll::Site.new(Jekyll.configuration("quiet" => true, "source" => File.dirname(__FILE__), "destination" => "/tmp/url_matrix_site", "url" => url, "baseurl" => base))
  urls.each do |u|
    %w(relative_url absolute_url uri_escape).each do |f|
      out = begin
        Liquid::Template.parse("{{ v | #{f} }}").render!({"v" => u}, registers: {site: site}).inspect
      rescue StandardError => e
        "ERR"
      end
      puts [url, base, u, f, out].to_json
    end
  end
end
