// @ts-check

import { defineConfig } from 'astro/config';

// https://astro.build/config
// (Trimmed for nieuwsbrief's fixture: the MDX and sitemap integrations and the fonts are left out.)
export default defineConfig({
	site: 'https://example.com',
});
