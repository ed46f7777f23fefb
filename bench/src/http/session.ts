/** A signed-in session over HTTP, as the web app holds one: the session cookie and the CSRF token. */
export type Session = { cookie: string; csrf: string };

export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie || !body.csrfToken)
    throw new Error(`sign-in failed for ${email}: ${response.status} ${JSON.stringify(body)}`);
  return { cookie, csrf: body.csrfToken };
}
