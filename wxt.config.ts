// WXT build configuration: one codebase, Chrome MV3 and Firefox builds. Permissions are justified in PERMISSIONS.md.
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  // Every import is written out, so any file can be read on its own.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // No display on build machines: dev mode must not try to open a browser.
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['webRequest', 'webNavigation', 'storage', 'cookies', 'alarms'],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Vigie' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'vigie@vigie.eu', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  hooks: {
    // The binary tables of the lists ship as a file of their own, fetched once (not base64 inside the script).
    'build:publicAssets': (_wxt, files) => {
      files.push({ absoluteSrc: resolve('lists/compiled/tables.bin'), relativeDest: 'lists/tables.bin' });
    },
  },
  zip: {
    // wxt zip does not honour .gitignore for the sources zip (ENVIRONMENT.md).
    excludeSources: ['.output/**', 'dist/**', 'node_modules/**', 'data/**', '.wxt/**', 'coverage/**'],
  },
});
