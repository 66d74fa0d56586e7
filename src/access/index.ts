// Who may page and how much: the allow-lists each platform's adapter reads, the cap on numbers
// per command, the per-person rate limit, and the environment variables of paging safety.
export {
  type AccessPolicy,
  type AllowList,
  type GuardedCommand,
  OPEN_POLICY,
  refusalFor,
  tooManyRecipients,
  type Whereabouts,
} from "./policy.js";
export { parseRateLimit, type RateLimit, rateRefusal, rateWait } from "./rate-limit.js";
export { idList, type PagingConfig, pagingConfig, pagingEnvShape } from "./settings.js";
