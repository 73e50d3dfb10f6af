// (trimmed for nieuwsbrief's fixture: @11ty/eleventy-img's resizing is left out; the path is kept as written)
module.exports = async (imageSrc) => `${process.env.BASEURL || ''}${imageSrc}`
