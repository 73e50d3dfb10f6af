import { defineConfig } from "astro/config";
import { siteConfig } from "./src/site.config";

// https://astro.build/config
// (Trimmed for nieuwsbrief's fixture: the integrations, the Markdown processor's plugins, Vite's plugins and the
// environment schema are left out; the site's address is read as the site writes it.)
export default defineConfig({
	site: siteConfig.url,
	image: {
		domains: ["webmention.io"],
	},
});
