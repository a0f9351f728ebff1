// Loads packages from tools/node_modules (installed by scripts/lib/services.sh: ensure_node_tools).
import { createRequire } from 'node:module';

export const tools = createRequire(new URL('../../../tools/package.json', import.meta.url));

export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: run this through its .sh script`);
    process.exit(2);
  }
  return value;
}
