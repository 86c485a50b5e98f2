import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The service serves the build under /console (src/platform/http/console-static.ts); `npm run dev` proxies the API to it.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
