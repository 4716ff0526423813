# Regenerate ../expression_filters.json outputs: ruby expression_filters.rb (one line per template)
require "jekyll"; require "json"
site = Jekyll::Site.new(Jekyll.configuration("quiet" => true, "source" => File.dirname(__FILE__), "destination" => "/tmp/expression_filters_site"))
items = [{"name"=>"a","order"=>0,"path"=>"/projects/a.md","featured"=>true,"priority"=>2,"authors"=>["Ann","Bob"],"year"=>"2020","tags"=>["essays","x"]},
 {"name"=>"b","order"=>1,"path"=>"/blog/b.md","featured"=>false,"priority"=>1,"authors"=>nil,"year"=>"pre-pub","tags"=>["y"],"hide"=>true},
 {"name"=>"c","order"=>2,"path"=>"/projects/c.md","featured"=>true,"priority"=>3,"year"=>"2021","tags"=>["essays"]},
 {"name"=>"","order"=>nil,"year"=>"2020"}]
File.readlines(File.join(File.dirname(__FILE__), "expression_filter_templates.txt"), chomp: true).each do |c|
  out = begin Liquid::Template.parse(c).render!({"items" => items}, registers: {site: site}).inspect rescue "ERR #{$!.message}" end
  puts out
end
