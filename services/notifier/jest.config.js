/** Unit tests of the notifier's pure parts: backoff, the desk log, the desk timeline. */
module.exports = require('../../jest.preset.js')({ displayName: 'notifier' });
