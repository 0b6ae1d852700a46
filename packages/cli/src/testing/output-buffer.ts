import type { OutputStream } from '../cli-deps.js';

/** A stdout/stderr stand-in that keeps what was written, for in-process `main()` tests. */
export class OutputBuffer implements OutputStream {
  private readonly chunks: string[] = [];

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }

  get text(): string {
    return this.chunks.join('');
  }

  get lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}
