export interface PrivatePostgres {
  url: string;
  port: number;
  dir: string;
  stop(): void;
}
export function startPostgres(): Promise<PrivatePostgres>;
