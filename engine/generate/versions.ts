// Exact versions the stubs' package.json pins: the ones this repository installs and tests
// with on Node 20 (a test keeps them equal to the root package.json).
export const STUB_VERSIONS = {
  cockatiel: '3.2.1',
  xstate: '5.33.3',
  kafkajs: '2.2.4',
  amqplib: '0.10.9',
  nats: '2.29.3',
  ioredis: '5.11.1',
  typescript: '5.9.3',
  '@types/node': '24.19.2',
  '@types/amqplib': '0.10.8',
  pg: '8.23.1',
  '@types/pg': '8.23.1',
  mysql2: '3.24.6',
  mongodb: '7.9.0',
  'cassandra-driver': '4.10.0',
  '@grpc/grpc-js': '1.14.7',
  '@grpc/proto-loader': '0.8.1',
  'grpc-health-check': '2.1.0',
} as const;
