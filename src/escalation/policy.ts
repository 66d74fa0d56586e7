/** One escalation step: when nobody paged has acknowledged `afterMs` after the first page, page `to`. */
export interface EscalationStep {
  afterMs: number;
  /** Recipients as written: people, groups, numbers. */
  to: string[];
  /** Fire at once when a failed-delivery receipt came for every number of the page. */
  onFailure: boolean;
}
