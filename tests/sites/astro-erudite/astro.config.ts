import { defineConfig } from "astro/config"

// (Trimmed for nieuwsbrief's fixture: the sitemap integration and the Markdown processor with its plugins are left
// out; the site's address is as the site writes it.)
export default defineConfig({
  site: "https://astro-erudite.vercel.app",
  compressHTML: true,
  prefetch: { prefetchAll: true },
})
