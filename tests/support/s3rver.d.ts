/** The part of s3rver (which ships no types) that tests/support/s3.ts uses. */
declare module 's3rver' {
  export default class S3rver {
    constructor(o: { port?: number; address?: string; silent?: boolean; directory: string; configureBuckets?: { name: string }[] });
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
