/**
 * One operation at a time per room: opening and closing the same room run one after the
 * other, in the order they were asked for. Without this, a close that is still telling the
 * backend to stop monitoring can land after the open that followed it (a reload reopening
 * its rooms), leaving a room on screen that the admin is no longer listed as monitoring;
 * and an open still waiting for its snapshot can start its stream after the close that
 * followed it, leaving a stream (and a monitor lease) that no pane shows.
 */
export class RoomTurns {
  /** The settled end of the last operation queued per room (never rejects). */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `operation` once every operation queued earlier for the same room has settled. */
  run<T>(enquiryId: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(enquiryId) ?? Promise.resolve();
    const result = previous.then(operation);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(enquiryId, tail);
    void tail.then(() => {
      if (this.tails.get(enquiryId) === tail) this.tails.delete(enquiryId);
    });
    return result;
  }
}
