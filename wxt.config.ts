// WXT build configuration: one codebase, Chrome MV3 and Firefox builds.
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  // Every import is written out, so any file can be read on its own.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // No display on build machines: dev mode must not try to open a browser.
  webExt: { disabled: true },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
  },
});
