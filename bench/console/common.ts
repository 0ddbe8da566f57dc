/** Small helpers shared by the console bench's modules. */

export const note = (message: string): void => {
  process.stderr.write(`[bench:console] ${new Date().toISOString().slice(11, 23)} ${message}\n`);
};
export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
export const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
