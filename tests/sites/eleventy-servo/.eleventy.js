// servo/servo.org's .eleventy.js, cut to what its posts need: its markdown-it library with markdown-it-anchor, the
// syntax highlighting and RSS plugins and the passthrough copies of its assets are left out.

module.exports = function(eleventyConfig) {
  eleventyConfig.setTemplateFormats(["md", "njk", "html", "css", "pdf", "liquid"]);

  eleventyConfig.addShortcode("currentYear", () => `${new Date().getFullYear()}`);

  eleventyConfig.addCollection("recentBlogPosts", (collectionApi) => {
    let i =0;
    return collectionApi.getFilteredByTag("blog").reverse().filter((item) => {
      return i++ < 10;
    });
  })
  eleventyConfig.addCollection("frontpageBlogPosts", (collectionApi) => {
    let i =0;
    return collectionApi.getFilteredByTag("blog").reverse().filter((item) => {
      return i++ < 4;
    });
  })
}
