/** Unit tests of the figures every benchmark computes the same way: percentiles, memory. */
module.exports = require('../jest.preset.js')({ displayName: 'bench' });
