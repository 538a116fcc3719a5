// A local HTTP server that answers like the GitHub endpoints the comment poster uses:
// GET/POST /repos/{owner}/{repo}/issues/{number}/comments (paged with Link headers),
// PATCH /repos/{owner}/{repo}/issues/comments/{id}, and POST /graphql for `viewer` (who the token acts as).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUser {
  login: string;
  id: number;
}

export interface FakeComment {
  id: number;
  body: string;
  /** The author; default: another user than the token's. */
  user?: FakeUser;
}

/** Who the fake's token acts as: GitHub Actions' token is this app's bot. */
export const TOKEN_USER: FakeUser = { login: "github-actions[bot]", id: 41898282 };
const SOMEONE_ELSE: FakeUser = { login: "someone", id: 1001 };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHub {
  url: string;
  comments: FakeComment[];
  requests: RecordedRequest[];
  /** Answer every request with this status and body instead (e.g. 401). */
  failWith: { status: number; body: unknown; headers?: Record<string, string> } | null;
  /** Never answer (to test the timeout). */
  hang: boolean;
  /** Send the headers and the first byte of a body, then stall (the body never completes). */
  trickle: boolean;
  close: () => Promise<void>;
}

export async function startFakeGitHub(options: { owner: string; repo: string; pullRequest: number; token: string; pageSize?: number }): Promise<FakeGitHub> {
  const state: Omit<FakeGitHub, "url" | "close"> = { comments: [], requests: [], failWith: null, hang: false, trickle: false };
  let nextId = 9000;
  const listPath = `/repos/${options.owner}/${options.repo}/issues/${options.pullRequest}/comments`;
  const patchPattern = new RegExp(`^/repos/${options.owner}/${options.repo}/issues/comments/(\\d+)$`);
  let baseUrl = "";

  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const text = await readBody(request);
    const url = new URL(request.url ?? "/", baseUrl);
    state.requests.push({ method: request.method ?? "", path: url.pathname + url.search, authorization: request.headers.authorization, body: text ? JSON.parse(text) : null });
    if (state.hang) return;
    if (state.trickle) {
      response.writeHead(200, { "content-type": "application/json" });
      response.write("[");
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(body));
    };
    if (state.failWith) return send(state.failWith.status, state.failWith.body, state.failWith.headers);
    if (request.headers.authorization !== `Bearer ${options.token}`) return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    if (url.pathname === listPath && request.method === "GET") {
      // GitHub caps per_page at 100; the fake pages smaller so tests need fewer comments.
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), options.pageSize ?? 100);
      const page = Number(url.searchParams.get("page") ?? 1);
      const slice = state.comments.slice((page - 1) * perPage, page * perPage);
      const lastPage = Math.max(1, Math.ceil(state.comments.length / perPage));
      const links: string[] = [];
      if (page < lastPage) links.push(`<${baseUrl}${listPath}?per_page=${perPage}&page=${page + 1}>; rel="next"`, `<${baseUrl}${listPath}?per_page=${perPage}&page=${lastPage}>; rel="last"`);
      if (page > 1) links.push(`<${baseUrl}${listPath}?per_page=${perPage}&page=1>; rel="first"`);
      return send(200, slice.map((comment) => ({ user: SOMEONE_ELSE, ...comment, html_url: `https://github.example/c/${comment.id}` })), links.length ? { link: links.join(", ") } : {});
    }
    if (url.pathname === listPath && request.method === "POST") {
      const body = (JSON.parse(text) as { body: string }).body;
      if (body.length > 65_536) return send(422, { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "unprocessable", field: "data", message: "Body is too long (maximum is 65536 characters)" }] });
      const comment = { id: nextId++, body, user: TOKEN_USER };
      state.comments.push(comment);
      return send(201, { ...comment, html_url: `https://github.example/c/${comment.id}` });
    }
    const patch = patchPattern.exec(url.pathname);
    if (patch && request.method === "PATCH") {
      const comment = state.comments.find((candidate) => candidate.id === Number(patch[1]));
      if (!comment) return send(404, { message: "Not Found" });
      comment.body = (JSON.parse(text) as { body: string }).body;
      return send(200, { ...comment, html_url: `https://github.example/c/${comment.id}` });
    }
    if (url.pathname === "/graphql" && request.method === "POST") {
      const query = (JSON.parse(text) as { query: string }).query;
      if (!/\bviewer\b/.test(query)) return send(200, { errors: [{ message: "the fake answers only viewer queries" }] });
      return send(200, { data: { viewer: { login: TOKEN_USER.login, databaseId: TOKEN_USER.id } } });
    }
    return send(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeGitHub;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
