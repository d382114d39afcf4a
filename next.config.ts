import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // RainbowKit pulls @coinbase/cdp-sdk, whose optional peers are not installed: keep it out of the bundle.
  // better-sqlite3 (the listing index's store) is a native addon: load it from node_modules at run time.
  serverExternalPackages: ['@coinbase/cdp-sdk', 'better-sqlite3', 'pg'],
  // `next dev` opened at 127.0.0.1 never hydrates without this.
  allowedDevOrigins: ['127.0.0.1'],
  // The production build goes to a folder chosen by scripts/demo.ts, so a demo and the tests can share it.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
};

export default nextConfig;
