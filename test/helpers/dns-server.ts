import dns2 from 'dns2';

type RecordType = 'TXT' | 'CNAME' | 'A';

/**
 * A real DNS server on loopback (UDP, random port) answering from a map the test controls, so domain
 * verification runs through node:dns exactly as in production. Point the app at it with DNS_SERVERS.
 */
export class TestDnsServer {
  private readonly records = new Map<string, string[]>();
  private server?: ReturnType<typeof dns2.createServer>;
  address = '';

  set(type: RecordType, name: string, values: string[]): void {
    this.records.set(`${type} ${name.toLowerCase()}`, values);
  }

  clear(type: RecordType, name: string): void {
    this.records.delete(`${type} ${name.toLowerCase()}`);
  }

  async start(): Promise<void> {
    const { Packet } = dns2;
    const typeNames = new Map<number, RecordType>([
      [Packet.TYPE.TXT, 'TXT'],
      [Packet.TYPE.CNAME, 'CNAME'],
      [Packet.TYPE.A, 'A'],
    ]);
    this.server = dns2.createServer({
      udp: true,
      handle: (request: any, send: (response: any) => void) => {
        const response: any = Packet.createResponseFromRequest(request);
        const [question] = request.questions;
        const type = typeNames.get(question.type);
        const values = type ? (this.records.get(`${type} ${String(question.name).toLowerCase()}`) ?? []) : [];
        for (const value of values) {
          const base = { name: question.name, type: question.type, class: Packet.CLASS.IN, ttl: 60 };
          if (type === 'TXT') response.answers.push({ ...base, data: [value] });
          if (type === 'CNAME') response.answers.push({ ...base, domain: value });
          if (type === 'A') response.answers.push({ ...base, address: value });
        }
        send(response);
      },
    });
    const addresses = await this.server.listen({ udp: { port: 0, address: '127.0.0.1' } });
    this.address = `127.0.0.1:${(addresses as any).udp.port}`;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}
