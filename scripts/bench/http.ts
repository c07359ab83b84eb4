/** A tiny cookie-keeping HTTP client for benchmarks (what a browser session does). */
export class Session {
  private cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value = ''] = (pair ?? '').split('=');
      if (name) this.cookies.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }

  async signIn(login: string, password: string) {
    const response = await this.request('POST', '/api/auth/sign-in', { login, password });
    if (response.status !== 200) throw new Error(`sign-in as ${login} failed: ${response.status}`);
  }
}

/** Times `fn` n times; returns the durations in ms. */
export async function sample(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function summarize(name: string, values: number[]) {
  return {
    measure: name,
    samples: values.length,
    p50: percentile(values, 50).toFixed(1),
    p95: percentile(values, 95).toFixed(1),
    max: Math.max(...values).toFixed(1),
  };
}
