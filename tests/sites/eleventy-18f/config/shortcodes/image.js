const imageWithClass = require('./imageWithClass')

module.exports = async (src, alt) => await imageWithClass(src, '', alt)
