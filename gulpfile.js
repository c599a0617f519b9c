// Copies what n8n reads beside the compiled files: icons (`file:` icons resolve relative to the
// node file) and the codex `.node.json` files (categories and docs links in the node panel).
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['icons/**/*.svg', '{nodes,credentials}/**/*.{png,svg}', 'nodes/**/*.node.json'], {
		base: '.',
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildAssets;
