/**
 * One read shared by the gauges of one scrape: the registry asks every metric at once, so the gauges fed by one
 * query start their reads together and take the same promise; the next scrape reads again.
 */
export class SharedRead<T> {
  private inFlight: Promise<T> | null = null;

  constructor(private readonly load: () => Promise<T>) {}

  read(): Promise<T> {
    if (this.inFlight) return this.inFlight;
    const reading = this.load().finally(() => {
      if (this.inFlight === reading) this.inFlight = null;
    });
    this.inFlight = reading;
    return reading;
  }
}
