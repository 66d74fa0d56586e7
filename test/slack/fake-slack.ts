// A Slack Web API on 127.0.0.1, real enough for Bolt's WebClient: it records every call and
// answers like Slack does for the methods the bot uses, plus the slash commands' response_url.

import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text as readBody } from "node:stream/consumers";

export interface ApiCall {
  method: string;
  /** Form fields; JSON-valued ones (blocks) parsed. */
  params: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  /** What the fake answered. */
  answer: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: { response_type?: string; text?: string; [key: string]: unknown };
}

export interface FakeSlack {
  /** For `clientOptions.slackApiUrl`. */
  readonly apiUrl: string;
  readonly calls: ApiCall[];
  readonly responses: ResponseUrlPost[];
  /** A response_url for one command; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  /** The profile phone of a user; users not set are unknown to Slack. */
  setPhone(userId: string, phone: string): void;
  setGroup(groupId: string, members: string[]): void;
  /** chat.postMessage to this channel answers `{ ok: false, error }`. */
  refuseChannel(channelId: string, error: string): void;
  /** chat.postMessage with a thread_ts answers `{ ok: false, error }`. */
  refuseThreads(error: string): void;
  /** What apps.connections.open hands out (Socket Mode); undefined: it fails. */
  setSocketUrl(url: string | undefined): void;
  callsOf(method: string): ApiCall[];
  /** Keeps every call of `method` waiting until released, as a slow Slack would. */
  hold(method: string): HeldMethod;
  /** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Calls of one Web API method kept waiting, unanswered, until released. */
export interface HeldMethod {
  /** Calls waiting now. */
  readonly waiting: number;
  /** Answers the calls waiting, and every later call at once. */
  release(): void;
}

export const BOT_USER_ID = "UBOT0001";

function parseParams(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith("application/json")) return body === "" ? {} : JSON.parse(body);
  const params: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    params[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

/** Slack's published limits on a message: 50 blocks, 3,000 characters a section, 150 a header. */
const LIMITS = { blocks: 50, section: 3_000, header: 150, text: 40_000 };

/** Why Slack would refuse these blocks, or undefined when they are within its limits. */
function beyondLimits(params: Record<string, unknown>): string | undefined {
  if (typeof params.text === "string" && params.text.length > LIMITS.text) return "msg_too_long";
  const blocks = (params.blocks ?? []) as { type: string; text?: { text?: string } }[];
  if (blocks.length > LIMITS.blocks) return "invalid_blocks";
  for (const block of blocks) {
    const length = block.text?.text?.length ?? 0;
    if (block.type === "header" && length > LIMITS.header) return "invalid_blocks";
    if (block.type === "section" && length > LIMITS.section) return "invalid_blocks";
  }
  return undefined;
}

function reply(response: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  response.end(text);
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const phones = new Map<string, string>();
  const groups = new Map<string, string[]>();
  const refusals = new Map<string, string>();
  let threadRefusal: string | undefined;
  let socketUrl: string | undefined;
  /** Per held method, how to wait for its release. */
  const held = new Map<string, { waiting: number; released: Promise<void> }>();
  let nextTs = 1_700_000_000_000_100;
  /** `channel/ts` of every message posted: chat.update edits only those. */
  const posted = new Set<string>();

  function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          user_id: BOT_USER_ID,
          bot_id: "BBOT0001",
          team_id: "T0001",
          user: "csoft",
        };
      case "chat.postMessage": {
        const channel = String(params.channel);
        const refusal = refusals.get(channel);
        if (refusal) return { ok: false, error: refusal };
        if (threadRefusal && params.thread_ts !== undefined)
          return { ok: false, error: threadRefusal };
        const ts = `${String(nextTs++).slice(0, 10)}.${String(nextTs).slice(10)}`;
        posted.add(`${channel}/${ts}`);
        return { ok: true, channel, ts, message: { text: params.text, ts } };
      }
      case "chat.update": {
        const problem = beyondLimits(params);
        if (problem) return { ok: false, error: problem };
        if (!posted.has(`${String(params.channel)}/${String(params.ts)}`))
          return { ok: false, error: "message_not_found" };
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      }
      case "users.profile.get": {
        const phone = phones.get(String(params.user));
        return phone === undefined
          ? { ok: false, error: "user_not_found" }
          : { ok: true, profile: { phone, real_name: String(params.user) } };
      }
      case "usergroups.users.list": {
        const members = groups.get(String(params.usergroup));
        return members === undefined
          ? { ok: false, error: "no_such_subteam" }
          : { ok: true, users: members };
      }
      case "apps.connections.open":
        return socketUrl === undefined
          ? { ok: false, error: "invalid_auth" }
          : { ok: true, url: socketUrl };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const contentType = request.headers["content-type"];
    if (path.startsWith("/response/")) {
      responses.push({ id: path.slice("/response/".length), body: parseParams(body, contentType) });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("ok");
      return;
    }
    if (path.startsWith("/api/")) {
      const method = path.slice("/api/".length);
      const params = parseParams(body, contentType);
      const token = request.headers.authorization?.replace(/^Bearer /, "");
      const hold = held.get(method);
      if (hold !== undefined) {
        hold.waiting += 1;
        await hold.released;
        hold.waiting -= 1;
      }
      const result = answer(method, params);
      calls.push({ method, params, token, answer: result });
      reply(response, result);
      return;
    }
    response.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${base}/response/${id}`,
    setPhone: (userId, phone) => void phones.set(userId, phone),
    setGroup: (groupId, members) => void groups.set(groupId, members),
    refuseChannel: (channelId, error) => void refusals.set(channelId, error),
    refuseThreads: (error) => {
      threadRefusal = error;
    },
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    callsOf: (method) => calls.filter((call) => call.method === method),
    hold(method) {
      let release = () => {};
      const hold = { waiting: 0, released: new Promise<void>((resolve) => (release = resolve)) };
      held.set(method, hold);
      return {
        get waiting() {
          return hold.waiting;
        },
        release() {
          held.delete(method);
          release();
        },
      };
    },
    async until(check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error("fake Slack: the expected calls never came");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
