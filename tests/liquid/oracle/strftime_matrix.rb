# Regenerate ../strftime_matrix.json outputs: ruby strftime_matrix.rb (one line per format x value)
require "date"
times = [Time.new(2020, 1, 5, 13, 4, 5.123456r, "+01:00"), Time.new(1999, 12, 31, 0, 0, 0, "-05:30"), Time.utc(2024, 2, 29, 23, 59, 59), Time.new(2021, 7, 4, 9, 7, 3, "+00:00")]
dates = [Date.new(2020, 1, 5)]
File.readlines(File.join(File.dirname(__FILE__), "strftime_formats.txt"), chomp: true).each do |f|
  (times + dates).each { |t| puts t.strftime(f).inspect }
end
