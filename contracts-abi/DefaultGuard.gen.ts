//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// DefaultGuard
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const defaultGuardAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'admin', internalType: 'address', type: 'address' },
      { name: 'nft_', internalType: 'contract HashrateNFT', type: 'address' },
      {
        name: 'registry_',
        internalType: 'contract MinerRegistry',
        type: 'address',
      },
      {
        name: 'escrow_',
        internalType: 'contract RevenueEscrow',
        type: 'address',
      },
      {
        name: 'yieldRecord_',
        internalType: 'contract IYieldRecord',
        type: 'address',
      },
      {
        name: 'oracle_',
        internalType: 'contract IYieldOracle',
        type: 'address',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'CARRY_DAYS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEFAULT_ADMIN_ROLE',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_CHALLENGE_PERIOD',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_SHORTFALL_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MINT_GRACE_DAYS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_CHALLENGE_PERIOD',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_SHORTFALL_BPS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'WINDOW_DAYS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'challengeEndsAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'challengePeriod',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'check',
    outputs: [
      { name: '', internalType: 'enum DefaultGuard.Reason', type: 'uint8' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'checkStakeRelease',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'clearedFrom',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'earliestWindowStart',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'escrow',
    outputs: [
      { name: '', internalType: 'contract RevenueEscrow', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'finalize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'firstPayableDay',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'flag',
    outputs: [
      {
        name: 'reason',
        internalType: 'enum DefaultGuard.Reason',
        type: 'uint8',
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'flaggedWindow',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'role', internalType: 'bytes32', type: 'bytes32' }],
    name: 'getRoleAdmin',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'grantRole',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'haltByGovernance',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'hasRole',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'latestWindow',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'nft',
    outputs: [
      { name: '', internalType: 'contract HashrateNFT', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'oracle',
    outputs: [
      { name: '', internalType: 'contract IYieldOracle', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'overturn',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'registry',
    outputs: [
      { name: '', internalType: 'contract MinerRegistry', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'callerConfirmation', internalType: 'address', type: 'address' },
    ],
    name: 'renounceRole',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'resumeByGovernance',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'revokeRole',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newPeriod', internalType: 'uint256', type: 'uint256' }],
    name: 'setChallengePeriod',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newBps', internalType: 'uint256', type: 'uint256' }],
    name: 'setShortfallBps',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'shortfallBps',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'interfaceId', internalType: 'bytes4', type: 'bytes4' }],
    name: 'supportsInterface',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'windowOf',
    outputs: [
      {
        name: 'w',
        internalType: 'struct DefaultGuard.Window',
        type: 'tuple',
        components: [
          { name: 'start', internalType: 'uint256', type: 'uint256' },
          { name: 'length', internalType: 'uint256', type: 'uint256' },
          { name: 'paid', internalType: 'uint256', type: 'uint256' },
          { name: 'owed', internalType: 'uint256', type: 'uint256' },
          { name: 'missed', internalType: 'bool', type: 'bool' },
          { name: 'short_', internalType: 'bool', type: 'bool' },
          {
            name: 'days_',
            internalType: 'struct DefaultGuard.Day[]',
            type: 'tuple[]',
            components: [
              { name: 'day', internalType: 'uint256', type: 'uint256' },
              { name: 'paid', internalType: 'uint256', type: 'uint256' },
              { name: 'value', internalType: 'uint256', type: 'uint256' },
              {
                name: 'source',
                internalType: 'enum DefaultGuard.ValueSource',
                type: 'uint8',
              },
            ],
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'yieldRecord',
    outputs: [
      { name: '', internalType: 'contract IYieldRecord', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'oldPeriod',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'newPeriod',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ChallengePeriodUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'productId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'FlagOverturned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'productId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'HaltedByGovernance',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'productId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'ProductDefaulted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'productId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'windowStart',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'reason',
        internalType: 'enum DefaultGuard.Reason',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'flagger',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'challengeEndsAt',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ProductFlagged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'productId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'windowStart',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'reason',
        internalType: 'enum DefaultGuard.Reason',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'flagger',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'ProductHaltedAgain',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'productId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'ResumedByGovernance',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'previousAdminRole',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'newAdminRole',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
    ],
    name: 'RoleAdminChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'sender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'RoleGranted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'sender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'RoleRevoked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'oldBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'newBps',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ShortfallBpsUpdated',
  },
  { type: 'error', inputs: [], name: 'AccessControlBadConfirmation' },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'neededRole', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'AccessControlUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'challengeEndsAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DefaultGuardChallengeOpen',
  },
  {
    type: 'error',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'DefaultGuardHalted',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DefaultGuardInDefault',
  },
  { type: 'error', inputs: [], name: 'DefaultGuardInvalidAdmin' },
  {
    type: 'error',
    inputs: [{ name: 'period', internalType: 'uint256', type: 'uint256' }],
    name: 'DefaultGuardInvalidChallengePeriod',
  },
  {
    type: 'error',
    inputs: [{ name: 'bps', internalType: 'uint256', type: 'uint256' }],
    name: 'DefaultGuardInvalidShortfall',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum MinerRegistry.Status',
        type: 'uint8',
      },
    ],
    name: 'DefaultGuardNotFlaggable',
  },
  {
    type: 'error',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'DefaultGuardNotFlagged',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DefaultGuardNotInDefault',
  },
  {
    type: 'error',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'DefaultGuardNothingMinted',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
      { name: 'earliestStart', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DefaultGuardTooEarly',
  },
  {
    type: 'error',
    inputs: [{ name: 'productId', internalType: 'uint256', type: 'uint256' }],
    name: 'DefaultGuardUnknownProduct',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
      { name: 'windowEnd', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DefaultGuardWindowIncomplete',
  },
  {
    type: 'error',
    inputs: [
      { name: 'productId', internalType: 'uint256', type: 'uint256' },
      { name: 'windowStart', internalType: 'uint256', type: 'uint256' },
      { name: 'endDay', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'DefaultGuardWindowOutsideTerm',
  },
] as const
