/** Unit tests of delivery: the config file, field profiles, filters, webhook signatures. */
module.exports = require('../../jest.preset.js')({ displayName: 'delivery' });
