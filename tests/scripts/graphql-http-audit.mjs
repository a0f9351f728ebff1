// Runs graphql-http's server audit (GraphQL over HTTP spec) against API_URL/graphql.
// Prints every result; exits 1 on any error or warning (notices are printed, not failures).
import { tools, required } from './lib/tools.mjs';

const { serverAudits } = tools('graphql-http');
const url = `${required('API_URL')}/graphql`;

let failures = 0;
let count = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  count++;
  const line = `${result.status.toUpperCase().padEnd(6)} ${result.id} ${result.name}`;
  if (result.status === 'ok') {
    console.log(line);
    continue;
  }
  let body = '';
  try {
    body = await result.response.text();
  } catch {
    body = '(no body)';
  }
  console.log(`${line}\n       reason: ${result.reason}\n       status: ${result.response?.status} body: ${body.slice(0, 300)}`);
  if (result.status === 'error' || result.status === 'warn') failures++;
}

console.log(`graphql-http audit: ${count - failures} passed, ${failures} failed`);
process.exit(failures === 0 && count > 0 ? 0 : 1);
