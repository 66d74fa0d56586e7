import type { PageAnnouncement, PageReport, Surface } from "../../src/page/types.js";

/** A Surface that remembers everything the core asked of it, in order. */
export interface RecordingSurface extends Surface {
  privateReplies: string[];
  announcements: PageAnnouncement[];
  reports: PageReport[];
  /** When set, announce fails with this error (a chat refusing the post). */
  failAnnounceWith?: Error;
}

export function recordingSurface(): RecordingSurface {
  const surface: RecordingSurface = {
    privateReplies: [],
    announcements: [],
    reports: [],
    async replyPrivately(text) {
      surface.privateReplies.push(text);
    },
    async announce(announcement) {
      if (surface.failAnnounceWith) throw surface.failAnnounceWith;
      surface.announcements.push(announcement);
      return {
        async report(report) {
          surface.reports.push(report);
        },
      };
    },
  };
  return surface;
}
