// Wrapper for custom bits for 18f.gsa.gov
// (trimmed for nieuwsbrief's fixture: the date filter its permalinks use, its image shortcodes and its YAML data;
// the asset pipeline, collections, events and the other filters and plugins are left out)
const yaml = require('js-yaml')
const toDatePath = require('./filters/toDatePath');
const image = require('./shortcodes/image')
const imageWithClass = require('./shortcodes/imageWithClass')

module.exports = function EighteenF(eleventyConfig) {
  eleventyConfig.addDataExtension('yml, yaml', contents => yaml.load(contents))
  eleventyConfig.addFilter('toDatePath', toDatePath);
  eleventyConfig.addShortcode('image', image)
  eleventyConfig.addShortcode('image_with_class', imageWithClass)
}
