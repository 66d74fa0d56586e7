import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text as readBody } from "node:stream/consumers";
import type { APIEmbed } from "discord.js";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A fake Discord on 127.0.0.1: the REST routes the adapter uses and a JSON gateway, enough for
 * the real discord.js Client to log in, receive an interaction, answer it and start a thread.
 */

export const BOT_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.fake-bot.token-not-a-real-one";
export const APPLICATION_ID = "100000000000000001";
export const BOT_USER_ID = "100000000000000001";
export const GUILD_ID = "100000000000000002";
export const CHANNEL_ID = "100000000000000003";
export const DM_CHANNEL_ID = "100000000000000004";
export const USER = { id: "100000000000000005", username: "alice" };
/** A role of the guild that permissions can name. */
export const ONCALL_ROLE_ID = "100000000000000006";

/** The JSON bodies the adapter sends, as far as the tests read them. */
export interface RequestBody {
  type?: number;
  data?: RequestBody;
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
  name?: string;
  auto_archive_duration?: number;
  allowed_mentions?: { parse?: string[] };
  components?: { type: number; components?: { custom_id?: string; label?: string }[] }[];
}

export interface GatewayPayload {
  op: number;
  d?: unknown;
}

/** An application command as the fake holds it: what was registered, plus Discord's fields. */
export type StoredCommand = RequestBody & {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
};

export interface RecordedCall {
  method: string;
  /** Path without the `/api/v10` prefix and the query. */
  path: string;
  query: URLSearchParams;
  /** The JSON body when it is an object, else empty. */
  body: RequestBody;
  /** The JSON body as parsed (arrays for command registration), undefined for none. */
  raw: unknown;
  authorization: string | undefined;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface InteractionOptions {
  /** Command name; `sms` by default. */
  name?: string;
  options?: { name: string; type: number; value: string | number | boolean }[];
  /** In a DM with the bot instead of the guild text channel. */
  dm?: boolean;
  /** Who interacts; alice (USER) by default. */
  user?: { id: string; username: string };
  /** The member's role ids in the guild. */
  roles?: string[];
  /** A click on a button (MESSAGE_COMPONENT) instead of a slash command. */
  button?: { customId: string };
}

export interface SentInteraction {
  id: string;
  token: string;
  /** The id the reply (@original) gets; a thread started on it has the same id. */
  originalId: string;
  /** performance.now() when INTERACTION_CREATE was written to the socket. */
  sentAt: number;
}

export interface FakeDiscord {
  /** For `rest: { api }`: http://127.0.0.1:PORT/api */
  readonly apiUrl: string;
  readonly calls: RecordedCall[];
  /** Every gateway payload the client sent (IDENTIFY, heartbeats). */
  readonly gatewayReceived: GatewayPayload[];
  /** Gateway connections open now. */
  readonly openConnections: number;
  /** The application commands registered now, in one guild or (without one) globally. */
  registeredCommands(guildId?: string): readonly StoredCommand[];
  /** Answers the next matching request with this error instead (e.g. 403 Missing Permissions). */
  failNext(method: string, pathPattern: RegExp, status: number, error: object): void;
  /**
   * Keeps the matching requests waiting, recorded but unanswered, as a slow Discord would;
   * the function returned answers them, and every later one at once.
   */
  hold(match: (call: RecordedCall) => boolean): () => void;
  sendInteraction(options?: InteractionOptions): SentInteraction;
  /**
   * An interaction as Discord would POST it to an Interactions Endpoint URL: its webhook works
   * here, and nothing goes over the gateway.
   */
  createInteraction(options?: InteractionOptions): { sent: SentInteraction; payload: object };
  /** Delivers the same INTERACTION_CREATE again, as a gateway replay would. */
  redeliver(sent: SentInteraction): void;
  /** Resolves with the first recorded call matching, waiting for it if needed. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  close(): Promise<void>;
}

const PERMISSIONS_ALL = "2251799813685247";
const API_PREFIX = "/api/v10";

let snowflakeCounter = 200000000000000000n;
function snowflake(): string {
  snowflakeCounter += 1n;
  return snowflakeCounter.toString();
}

const botUser = {
  id: BOT_USER_ID,
  username: "csoft-pager",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
  flags: 0,
};

const alice = {
  id: USER.id,
  username: USER.username,
  discriminator: "0",
  global_name: "Alice",
  avatar: null,
};

const textChannel = {
  id: CHANNEL_ID,
  type: 0,
  guild_id: GUILD_ID,
  name: "ops",
  position: 0,
  permission_overwrites: [],
  parent_id: null,
  topic: null,
  nsfw: false,
  last_message_id: null,
  rate_limit_per_user: 0,
};

function guildCreate() {
  return {
    id: GUILD_ID,
    name: "Ops",
    icon: null,
    owner_id: USER.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: GUILD_ID,
        name: "@everyone",
        permissions: PERMISSIONS_ALL,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: ONCALL_ROLE_ID,
        name: "oncall",
        permissions: "0",
        position: 1,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    joined_at: "2026-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [textChannel],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function interactionPayload(id: string, token: string, options: InteractionOptions) {
  const discordUser = { ...alice, ...options.user };
  const command = {
    type: 2,
    data: {
      id: "300000000000000001",
      name: options.name ?? "sms",
      type: 1,
      ...(options.options && { options: options.options }),
    },
  };
  const click = options.button && {
    type: 3,
    data: { custom_id: options.button.customId, component_type: 2 },
    message: messageObject(snowflake(), CHANNEL_ID, { content: "question", flags: 64 }),
  };
  const base = {
    id,
    application_id: APPLICATION_ID,
    token,
    version: 1,
    locale: "en-US",
    app_permissions: PERMISSIONS_ALL,
    entitlements: [],
    attachment_size_limit: 8388608,
    ...(click ?? command),
  };
  if (options.dm) {
    return {
      ...base,
      channel_id: DM_CHANNEL_ID,
      channel: { id: DM_CHANNEL_ID, type: 1, last_message_id: null, recipients: [discordUser] },
      user: discordUser,
      context: 1,
      authorizing_integration_owners: { "0": GUILD_ID },
    };
  }
  return {
    ...base,
    guild_id: GUILD_ID,
    guild_locale: "en-US",
    channel_id: CHANNEL_ID,
    channel: textChannel,
    member: {
      user: discordUser,
      roles: options.roles ?? [],
      joined_at: "2026-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      permissions: PERMISSIONS_ALL,
    },
    context: 0,
    authorizing_integration_owners: { "0": GUILD_ID },
  };
}

function messageObject(id: string, channelId: string, body: RequestBody, extra: object = {}) {
  return {
    id,
    channel_id: channelId,
    type: 0,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    author: botUser,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    components: [],
    pinned: false,
    flags: body.flags ?? 0,
    ...extra,
  };
}

/**
 * Why Discord would refuse a message body (Invalid Form Body), or undefined when it is within
 * its limits: 2,000 characters of content, 10 embeds, 6,000 characters across them, 4,096 a
 * description, 256 a title, 25 fields.
 */
export function beyondLimits(body: RequestBody): string | undefined {
  if ((body.content ?? "").length > 2_000) return "content longer than 2000";
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) return "more than 10 embeds";
  let total = 0;
  for (const embed of embeds) {
    if ((embed.title ?? "").length > 256) return "title longer than 256";
    if ((embed.description ?? "").length > 4_096) return "description longer than 4096";
    if ((embed.fields ?? []).length > 25) return "more than 25 fields";
    total += (embed.title ?? "").length + (embed.description ?? "").length;
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
    total += (embed.footer?.text ?? "").length + (embed.author?.name ?? "").length;
  }
  return total > 6_000 ? "embeds longer than 6000 in all" : undefined;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request);
  return body === "" ? undefined : JSON.parse(body);
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: RecordedCall[] = [];
  const gatewayReceived: GatewayPayload[] = [];
  const failures: { method: string; pattern: RegExp; status: number; error: object }[] = [];
  const holds = new Set<{ match: (call: RecordedCall) => boolean; released: Promise<void> }>();
  const waiters = new Set<() => void>();
  /** The @original message of each interaction token, and the channel it is in. */
  const originals = new Map<string, { id: string; channelId: string; message: RequestBody }>();
  /** Interactions answered once already: Discord refuses a second answer. */
  const acknowledged = new Set<string>();
  const payloads = new Map<string, object>();
  const sockets = new Set<WebSocket>();
  /** Registered application commands, by scope: "" for global, "/guilds/<id>" for one guild. */
  const commandsByScope = new Map<string, StoredCommand[]>();
  let sequence = 0;
  /** Messages posted in channels and threads (`channel/id`), so that edits find them. */
  const channelMessages = new Map<string, RequestBody>();

  const httpServer = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      send(response, 500, { message: String(error), code: 0 });
    });
  });
  const gateway = new WebSocketServer({ server: httpServer });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  function record(call: RecordedCall): void {
    calls.push(call);
    for (const wake of waiters) wake();
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", origin);
    const method = request.method ?? "GET";
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const raw = await readJson(request);
    const body: RequestBody =
      typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as RequestBody) : {};
    const call: RecordedCall = {
      method,
      path,
      query: url.searchParams,
      body,
      raw,
      authorization: request.headers.authorization,
      at: performance.now(),
    };
    record(call);
    for (const hold of holds) if (hold.match(call)) await hold.released;

    const failure = failures.findIndex((f) => f.method === method && f.pattern.test(path));
    if (failure !== -1) {
      const [chosen] = failures.splice(failure, 1);
      if (chosen) return send(response, chosen.status, chosen.error);
    }

    if (method === "GET" && path === "/gateway/bot") {
      return send(response, 200, {
        url: `ws://127.0.0.1:${port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    let match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (method === "POST" && match) {
      const token = match[2] ?? "";
      if (acknowledged.has(match[1] ?? "")) {
        return send(response, 400, {
          message: "Interaction has already been acknowledged.",
          code: 40060,
        });
      }
      acknowledged.add(match[1] ?? "");
      const original = originals.get(token);
      if (original && body.type === 4) original.message = { ...original.message, ...body.data };
      return send(response, 204);
    }
    match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path);
    if (match) {
      const original = originals.get(match[2] ?? "");
      if (!original) return send(response, 404, { message: "Unknown Webhook", code: 10015 });
      if (method === "DELETE") return send(response, 204);
      if (method === "PATCH") original.message = { ...original.message, ...body };
      return send(
        response,
        200,
        messageObject(original.id, original.channelId, original.message, {
          webhook_id: APPLICATION_ID,
          application_id: APPLICATION_ID,
        }),
      );
    }
    match = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path);
    if (method === "POST" && match) {
      const original = originals.get(match[2] ?? "");
      if (!original) return send(response, 404, { message: "Unknown Webhook", code: 10015 });
      return send(
        response,
        200,
        messageObject(snowflake(), original.channelId, body, { webhook_id: APPLICATION_ID }),
      );
    }
    match = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (method === "POST" && match) {
      const threadId = match[2] ?? "";
      return send(response, 201, {
        id: threadId,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: match[1],
        owner_id: BOT_USER_ID,
        name: body.name,
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body.auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      });
    }
    match = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === "POST" && match) {
      const problem = beyondLimits(body);
      if (problem) return send(response, 400, { message: problem, code: 50035 });
      const id = snowflake();
      channelMessages.set(`${match[1]}/${id}`, body);
      return send(response, 200, messageObject(id, match[1] ?? "", body));
    }
    match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (method === "PATCH" && match) {
      const key = `${match[1]}/${match[2]}`;
      const held = channelMessages.get(key);
      if (!held) return send(response, 404, { message: "Unknown Message", code: 10008 });
      const problem = beyondLimits(body);
      if (problem) return send(response, 400, { message: problem, code: 50035 });
      channelMessages.set(key, { ...held, ...body });
      return send(
        response,
        200,
        messageObject(match[2] ?? "", match[1] ?? "", { ...held, ...body }),
      );
    }
    match = /^\/applications\/(\d+)((?:\/guilds\/\d+)?)\/commands(?:\/(\d+))?$/.exec(path);
    if (match) return routeCommands(response, method, match, raw);
    return send(response, 404, { message: "404: Not Found", code: 0 });
  }

  /**
   * Application commands, kept per scope (global, or one guild) as Discord keeps them: a bulk
   * PUT replaces the whole set, keeping the id of a command whose name stays; POST creates or,
   * for a name already there, overwrites; PATCH edits one command.
   */
  function routeCommands(
    response: ServerResponse,
    method: string,
    [, applicationId, guildPath, commandId]: RegExpExecArray,
    raw: unknown,
  ) {
    const scope = guildPath ?? "";
    const held = commandsByScope.get(scope) ?? [];
    commandsByScope.set(scope, held);
    const guildId = scope.split("/")[2];
    const stored = (command: RequestBody, id = snowflake()): StoredCommand => ({
      type: 1,
      ...command,
      id,
      application_id: applicationId ?? "",
      ...(guildId && { guild_id: guildId }),
      version: snowflake(),
    });
    const byName = (name: string | undefined) => held.findIndex((c) => c.name === name);
    if (method === "GET" && commandId === undefined) return send(response, 200, held);
    if (method === "PUT" && commandId === undefined && Array.isArray(raw)) {
      const replaced = (raw as RequestBody[]).map((command) =>
        stored(command, held[byName(command.name)]?.id),
      );
      held.splice(0, held.length, ...replaced);
      return send(response, 200, held);
    }
    if (method === "POST" && commandId === undefined && !Array.isArray(raw)) {
      const command = raw as RequestBody;
      const index = byName(command.name);
      const created = stored(command, held[index]?.id);
      if (index === -1) held.push(created);
      else held[index] = created;
      return send(response, index === -1 ? 201 : 200, created);
    }
    const index = held.findIndex((c) => c.id === commandId);
    const existing = held[index];
    if (method === "PATCH" && existing) {
      held[index] = { ...existing, ...(raw as RequestBody), version: snowflake() };
      return send(response, 200, held[index]);
    }
    return send(response, 404, { message: "Unknown application command", code: 10063 });
  }

  function write(socket: WebSocket, payload: object): void {
    socket.send(JSON.stringify(payload));
  }

  function dispatch(socket: WebSocket, t: string, d: object): void {
    sequence += 1;
    write(socket, { op: 0, t, s: sequence, d });
  }

  gateway.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    write(socket, { op: 10, t: null, s: null, d: { heartbeat_interval: 1000 } });
    socket.on("message", (data) => {
      const payload = JSON.parse(data.toString()) as GatewayPayload;
      gatewayReceived.push(payload);
      if (payload.op === 1) write(socket, { op: 11, t: null, s: null, d: null });
      if (payload.op === 2) {
        dispatch(socket, "READY", {
          v: 10,
          user: botUser,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: "fake-session",
          resume_gateway_url: `ws://127.0.0.1:${port}`,
          shard: [0, 1],
          application: { id: APPLICATION_ID, flags: 0 },
          private_channels: [],
          relationships: [],
        });
        dispatch(socket, "GUILD_CREATE", guildCreate());
      }
    });
  });

  function createInteraction(options: InteractionOptions = {}) {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${randomBytes(24).toString("hex")}`;
    const originalId = snowflake();
    originals.set(token, {
      id: originalId,
      channelId: options.dm ? DM_CHANNEL_ID : CHANNEL_ID,
      message: {},
    });
    const payload = interactionPayload(id, token, options);
    payloads.set(id, payload);
    return { sent: { id, token, originalId, sentAt: performance.now() }, payload };
  }

  return {
    apiUrl: `${origin}/api`,
    calls,
    gatewayReceived,
    get openConnections() {
      return sockets.size;
    },
    registeredCommands(guildId) {
      return commandsByScope.get(guildId === undefined ? "" : `/guilds/${guildId}`) ?? [];
    },
    failNext(method, pattern, status, error) {
      failures.push({ method, pattern, status, error });
    },
    hold(match) {
      let release = () => {};
      const hold = { match, released: new Promise<void>((resolve) => (release = resolve)) };
      holds.add(hold);
      return () => {
        holds.delete(hold);
        release();
      };
    },
    createInteraction,
    sendInteraction(options = {}) {
      const { sent, payload } = createInteraction(options);
      for (const socket of sockets) dispatch(socket, "INTERACTION_CREATE", payload);
      return { ...sent, sentAt: performance.now() };
    },
    redeliver(sent) {
      const payload = payloads.get(sent.id);
      if (!payload) throw new Error("fake Discord: no such interaction");
      for (const socket of sockets) dispatch(socket, "INTERACTION_CREATE", payload);
    },
    waitForCall(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error("the expected Discord call never came"));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
