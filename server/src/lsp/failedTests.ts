// Which configurations failed their last connection test, per document, so a "Find working settings" code
// lens can be shown on them. A failure is remembered with the endpoint that was tested (host, port, TLS
// mode); the lens stays while the configuration still names that endpoint, and goes away after a successful
// test or an edit that changes the endpoint. Configuration ids move with edits above them (they are offsets),
// so a remembered failure is matched by the configuration's label and endpoint, not by its id.

export interface TestedEndpoint {
  host?: string;
  port?: number;
  tls?: string;
}

export interface FailedTest {
  label: string;
  endpoint: string;
  /** One line for the lens's tooltip: "connection refused on 465". */
  summary: string;
}

export const endpointKey = (e: TestedEndpoint): string => `${(e.host ?? '').toLowerCase()}:${e.port ?? ''}:${e.tls ?? ''}`;

export class FailedTests {
  private readonly byUri = new Map<string, FailedTest[]>();

  /** Records the result of a test of the configuration `label` at `endpoint`. */
  record(uri: string, label: string, endpoint: TestedEndpoint, ok: boolean, summary: string): void {
    const key = endpointKey(endpoint);
    const rest = (this.byUri.get(uri) ?? []).filter((f) => !(f.label === label && f.endpoint === key));
    if (!ok) rest.push({ label, endpoint: key, summary });
    if (rest.length) this.byUri.set(uri, rest);
    else this.byUri.delete(uri);
  }

  /**
   * The remembered failure of a configuration that still names the tested endpoint; `current` lists the
   * document's configurations now: failures no configuration matches any more (the endpoint was edited) are dropped.
   */
  matching(uri: string, current: { label: string; endpoint: TestedEndpoint }[]): (FailedTest | undefined)[] {
    const list = this.byUri.get(uri);
    if (!list) return current.map(() => undefined);
    const keys = current.map((c) => endpointKey(c.endpoint));
    const alive = list.filter((f) => current.some((c, i) => c.label === f.label && keys[i] === f.endpoint));
    if (alive.length) this.byUri.set(uri, alive);
    else this.byUri.delete(uri);
    return current.map((c, i) => alive.find((f) => f.label === c.label && f.endpoint === keys[i]));
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
