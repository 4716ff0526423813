# Batch oracle: reads a JSON list of {"text":..., "options":{...}, "mode":"markdown"|"smartify"}
# from stdin and prints a JSON list of HTML strings made by kramdown exactly as
# Jekyll 4.3.1 configures it (jekyll/converters/markdown/kramdown_parser.rb).
require 'json'
require 'kramdown'
require 'kramdown-parser-gfm'
require 'jekyll'

JEKYLL_KRAMDOWN_DEFAULTS = Jekyll::Configuration::DEFAULTS['kramdown']

def jekyll_kramdown_config(overrides)
  config = Jekyll::Utils.deep_merge_hashes(JEKYLL_KRAMDOWN_DEFAULTS, overrides)
  config = JSON.parse(JSON.generate(config)) # unfrozen deep copy
  site_config = {'kramdown' => config, 'highlighter' => 'rouge'}
  [Jekyll::Converters::Markdown::KramdownParser.new(site_config), site_config]
end

def convert(item)
  parser, site_config = jekyll_kramdown_config(item['options'] || {})
  if item['mode'] == 'smartify'
    Jekyll::Converters::SmartyPants.new(site_config).convert(item['text'])
  else
    # a fresh parser class cache per options set, like one Jekyll site
    Kramdown::JekyllDocument.instance_variable_set(:@cache, nil)
    parser.convert(item['text'])
  end
rescue StandardError => e
  "!!ERROR #{e.class}: #{e.message}"
end

items = JSON.parse($stdin.read)
puts JSON.generate(items.map { |item| convert(item) })
