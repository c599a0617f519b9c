// Copies node and credential icons next to the compiled files, where n8n resolves `file:` icons.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
