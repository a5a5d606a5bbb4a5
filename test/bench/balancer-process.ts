/**
 * The test load balancer (test/helpers/load-balancer.ts) as a process of its own, so a benchmark can pin it
 * and measure its CPU apart from the instances' and the load generator's: PORT to listen on, UPSTREAM_PORTS
 * (comma-separated) of the instances behind it.
 */
import { LoadBalancer } from '../helpers/load-balancer';

const upstreams = (process.env.UPSTREAM_PORTS ?? '')
  .split(',')
  .filter(Boolean)
  .map((port) => ({ port: Number(port) }));
const balancer = new LoadBalancer(upstreams);
void balancer.start(Number(process.env.PORT));
// Nothing to flush: open keep-alive connections are simply dropped.
process.on('SIGTERM', () => process.exit(0));
