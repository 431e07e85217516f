/** Unit tests of the agency inbox's signature check, against what the notifier's signer sends. */
module.exports = require('../../jest.preset.js')({ displayName: 'agency-inbox' });
