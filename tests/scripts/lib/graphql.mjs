// Small HTTP helpers for the end-to-end scripts: sign up and upload the way any client does.
export async function post(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.slice(0, 40)}...: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function signUp(url, name) {
  const email = `${name}-${Date.now()}-${Math.random().toString(16).slice(2)}@example.test`;
  const data = await post(url, 'mutation($input: CredentialsInput!) { signUp(input: $input) { token user { id } } }',
    { input: { email, password: 'correct horse battery' } });
  return { id: data.signUp.user.id, token: data.signUp.token };
}

export async function upload(url, token, fileName, text) {
  const form = new FormData();
  form.append('operations', JSON.stringify({
    query: 'mutation($file: Upload!) { uploadFile(file: $file) { id name } }',
    variables: { file: null },
  }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([text], { type: 'text/plain' }), fileName);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'graphql-require-preflight': '1' },
    body: form,
  });
  const body = await response.json();
  if (body.errors) throw new Error(`upload: ${JSON.stringify(body.errors)}`);
  return body.data.uploadFile;
}
