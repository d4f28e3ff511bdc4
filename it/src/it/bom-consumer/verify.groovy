// Post-build check of the consumer IT: the POMs in the integration-test repository are the ones that
// install/deploy publish (the library modules' flattened POMs and the BOM as written).
def repo = new File(localRepositoryPath, 'io/sluice')
def version = new File(basedir, 'pom.xml').text.find(/<artifactId>sluice-bom<\/artifactId>\s*<version>([^<]+)<\/version>/) { all, v -> v }
assert version : 'cannot find the BOM version in the consumer POM'

def pom = { String artifactId ->
    def file = new File(repo, "${artifactId}/${version}/${artifactId}-${version}.pom")
    assert file.isFile() : "${file} was not installed"
    new groovy.xml.XmlSlurper().parse(file)
}
def problems = []

// The BOM manages Sluice's own artifacts and nothing else.
def bom = pom('sluice-bom')
if (!bom.parent.isEmpty()) problems << 'sluice-bom has a parent'
def managed = bom.dependencyManagement.dependencies.dependency
if (managed.size() == 0) problems << 'sluice-bom manages no dependency'
managed.each { d ->
    if (d.groupId.text() != 'io.sluice') problems << "sluice-bom manages ${d.groupId}:${d.artifactId}"
}
def libraries = ['sluice-core', 'sluice-codec', 'sluice-transport-nio']
def managedIds = managed.collect { it.artifactId.text() } as Set
libraries.each { if (!managedIds.contains(it)) problems << "sluice-bom does not manage ${it}" }

// The library POMs stand alone, say what they are, and publish no version pins.
(['sluice-bom'] + libraries).each { artifactId ->
    def p = pom(artifactId)
    if (artifactId != 'sluice-bom') {
        if (!p.parent.isEmpty()) problems << "${artifactId} names a parent (${p.parent.artifactId})"
        if (!p.dependencyManagement.isEmpty()) problems << "${artifactId} has a dependencyManagement section"
        if (!p.build.isEmpty()) problems << "${artifactId} has a build section"
        p.dependencies.dependency.each { d ->
            if (!d.version.text()) problems << "${artifactId}: ${d.artifactId} has no version"
            if (d.scope.text() == 'test') problems << "${artifactId}: test dependency ${d.artifactId} is published"
        }
        if (p.text().contains('${')) problems << "${artifactId} has an uninterpolated expression"
    }
    ['name', 'description', 'url'].each { e ->
        if (!p."${e}".text().trim()) problems << "${artifactId} has no ${e}"
    }
    if (p.licenses.license.name.text() != 'Apache-2.0') problems << "${artifactId}: license is not Apache-2.0"
    if (!p.scm.url.text() || !p.scm.connection.text()) problems << "${artifactId} has no scm url/connection"
    if (p.developers.developer.size() == 0) problems << "${artifactId} has no developers"
}

if (problems) {
    problems.each { println "[published POM] ${it}" }
    throw new AssertionError("published POMs: ${problems.size()} problem(s), see above")
}
println "published POMs: ${libraries.size() + 1} checked"
return true
