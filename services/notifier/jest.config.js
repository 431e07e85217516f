/** Unit tests of the notifier's pure parts: profiles, filters, signatures, backoff, the desk log. */
module.exports = require('../../jest.preset.js')({ displayName: 'notifier' });
