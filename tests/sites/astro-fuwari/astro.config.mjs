import { defineConfig } from "astro/config";

// https://astro.build/config
// (Trimmed for nieuwsbrief's fixture: the integrations and the Markdown plugins are left out; the site's address,
// base and trailing slash are as the site writes them.)
export default defineConfig({
	site: "https://fuwari.vercel.app/",
	base: "/",
	trailingSlash: "always",
});
