/** Shows how far a run is: a redrawn bar on a terminal, a plain line every tenth otherwise. */
export class Progress {
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {}

  update(done: number): void {
    if (!this.enabled || this.total === 0) return;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round((done / this.total) * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${this.total} files`);
      this.drawn = true;
      return;
    }
    const tenth = Math.floor((done / this.total) * 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`migrate: ${done}/${this.total} files\n`);
    }
  }

  finish(): void {
    if (this.drawn) this.stream.write('\n');
  }
}
