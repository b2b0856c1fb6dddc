import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { FileReport } from '../codemods/lib/report.js';

/** Reads the JSON lines the transforms append to the report file, incrementally, while workers write it. */
export class ReportReader {
  private offset = 0;
  private partial = '';
  readonly reports: FileReport[] = [];
  readonly files = new Set<string>();

  constructor(private readonly file: string) {}

  /** Reads what was appended since the last call. */
  poll(): void {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (size <= this.offset) return;
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const lines = (this.partial + buffer.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line) continue;
      const report = JSON.parse(line) as FileReport;
      this.reports.push(report);
      this.files.add(report.file);
    }
  }
}
