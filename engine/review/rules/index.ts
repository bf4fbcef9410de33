// Every rule of review.md, in the tables' order (the first table, then "More rules"); the runner takes rules from here only.
import type { Rule } from '../types.js';
import { sharedDatabase } from './sharedDatabase.js';
import { syncCycle } from './syncCycle.js';
import { capacity } from './capacity.js';
import { deepSyncChain } from './deepSyncChain.js';
import { missingTimeout } from './missingTimeout.js';
import { missingBreaker } from './missingBreaker.js';
import { retryAmplification } from './retryAmplification.js';
import { singleReplica } from './singleReplica.js';
import { godService } from './godService.js';
import { sagaNoCompensation } from './sagaNoCompensation.js';
import { noDlq } from './noDlq.js';
import { unreachable } from './unreachable.js';
import { gatewayBypass } from './gatewayBypass.js';
import { timeoutBudgetInversion } from './timeoutBudgetInversion.js';
import { nestedRetries } from './nestedRetries.js';
import { retryWithoutBackoffJitter } from './retryWithoutBackoffJitter.js';
import { retryNonIdempotent } from './retryNonIdempotent.js';
import { noApiGateway } from './noApiGateway.js';
import { edgeNoRateLimit } from './edgeNoRateLimit.js';
import { chattyCalls } from './chattyCalls.js';
import { syncFanOut } from './syncFanOut.js';
import { breakerCannotTrip } from './breakerCannotTrip.js';
import { nanoService } from './nanoService.js';
import { gatewayWithoutRoutes } from './gatewayWithoutRoutes.js';

export const rules: readonly Rule[] = [
  sharedDatabase,
  syncCycle,
  capacity,
  deepSyncChain,
  missingTimeout,
  missingBreaker,
  retryAmplification,
  singleReplica,
  godService,
  sagaNoCompensation,
  noDlq,
  unreachable,
  gatewayBypass,
  timeoutBudgetInversion,
  nestedRetries,
  retryWithoutBackoffJitter,
  retryNonIdempotent,
  noApiGateway,
  edgeNoRateLimit,
  chattyCalls,
  syncFanOut,
  breakerCannotTrip,
  nanoService,
  // Project rules (info, review.md: "Rules the project adds beyond this table").
  gatewayWithoutRoutes,
];
